"""Ingests text files, saved pages, folders of them or pages by address: each in its own transaction, bad ones
named and skipped."""

from __future__ import annotations

import argparse
import datetime as dt
from concurrent.futures import Executor, Future
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from timeline.fetching import FetchFailed, fetch_limits, fetch_page, is_address, name_for_address
from timeline.ingest import ParsedDocument, read_and_parse
from timeline.ingest.ahead import ahead, parsing_process
from timeline.ingest.dates import day_problem, long_date
from timeline.ingest.files import UnreadableDocument
from timeline.ingest.zones import is_known_zone
from timeline.models import Document
from timeline.store.documents import NameTaken, Stored, store_document


def iso_date(value: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in the form YYYY-MM-DD") from None
    problem = day_problem(day, reported=True)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return day


class Command(BaseCommand):
    help = "Ingest live blogs and articles, as plain text or saved web pages (.html): files, or folders of them."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files, folders, or web addresses (https://…) to fetch")
        parser.add_argument(
            "--published",
            type=iso_date,
            help="the documents' date (YYYY-MM-DD), for texts that state none; kept as an "
            "editor's date, so later ingests keep it",
        )
        for name, what in (
            ("title", "the document's title"),
            ("outlet", "the outlet that published it"),
            ("url", "the address of the original, which its events link to"),
            ("language", "its language, as a code such as en or de"),
        ):
            parser.add_argument(
                f"--{name}", help=f"{what}, for a text that does not say; kept over later ingests, as an editor's is"
            )
        parser.add_argument(
            "--timezone",
            help="the time zone of times the text gives without one (default: the one a web page shows, else UTC)",
        )
        parser.add_argument("--encoding", default="utf-8", help="the files' encoding (default utf-8)")
        parser.add_argument(
            "--as",
            dest="name",
            help="the name to give the one file ingested, when another document already has its file's name",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="let a file take the place of a document of the same name that came from elsewhere",
        )

    def handle(self, *args, **options):
        if options["timezone"] and not is_known_zone(options["timezone"]):
            raise CommandError(f"--timezone {options['timezone']!r} is not a time zone name such as Europe/Kyiv")
        options["metadata"] = given_metadata(options)
        files, missing = collect_files(options["paths"])
        if options["name"] and len(files) != 1:
            raise CommandError("--as names one file: give exactly one")
        for name in ONE_DOCUMENTS:
            if name in options["metadata"] and len(files) != 1:
                raise CommandError(f"--{name} is one document's: give exactly one file or address")
        failures = list(missing)
        with parsing_process(len(files)) as parser:
            for path, reading in ahead(lambda path: self.start_reading(parser, path, options), files):
                try:
                    stored = self.store(*reading.result(), options, path)
                except (FetchFailed, NameTaken, UnreadableDocument) as error:
                    failures.append((path, failure(error)))
                    continue
                self.stdout.write(describe(path, stored))
        for path, reason in failures:
            self.stderr.write(f"{path}: {reason}")
        if failures:
            raise CommandError(
                f"{len(failures)} of {len(files) + len(missing)} files could not be ingested; the others were"
            )

    def start_reading(self, parser: Executor, path: Path | str, options: dict) -> Future[tuple[str, ParsedDocument]]:
        """A file read and parsed by the parsing process; a page fetched here, then parsed there."""
        limits = {
            "max_entries": settings.TIMELINE_MAX_DOCUMENT_ENTRIES,
            "max_bytes": settings.TIMELINE_MAX_DOCUMENT_BYTES,
        }
        if isinstance(path, Path):
            return parser.submit(read_and_parse, path, encoding=options["encoding"], **limits)
        try:
            fetched = fetch_page(path, fetch_limits())
        except FetchFailed as error:
            failed: Future = Future()
            failed.set_exception(error)
            return failed
        return parser.submit(read_and_parse, fetched.text, url=fetched.url, **limits)

    def store(self, text: str, parsed: ParsedDocument, options: dict, path: Path | str) -> Stored:
        if not parsed.events:
            raise UnreadableDocument("no news entries found in the text")
        if isinstance(path, Path):
            name, origin = path.name, str(path.resolve())
        else:
            name, origin = name_for_address(path), path
        return store_document(
            parsed,
            source=options["name"] or name,
            text=text,
            timezone=options["timezone"],
            published=options["published"],
            origin=origin,
            replace=options["replace"],
            metadata=options["metadata"],
        )


def failure(error: FetchFailed | NameTaken | UnreadableDocument) -> str:
    """Why a file or a page was not ingested, and what to do about it."""
    if isinstance(error, FetchFailed):
        return f"{error}; nothing was saved"
    if isinstance(error, NameTaken):
        return f"{error}; ingest this file with --as NAME to keep both, or --replace"
    advice = f"; convert it to UTF-8 or ingest it with --encoding {error.encoding}" if error.encoding else ""
    return f"{error}{advice}"


# What belongs to one document alone; an outlet or a language may be a whole folder's.
ONE_DOCUMENTS = ("title", "url")


def given_metadata(options: dict) -> dict[str, str]:
    """The document's metadata given on the command line, checked as an editor's would be."""
    given = {name: options[name].strip() for name in Document.METADATA if options.get(name)}
    if "url" in given:
        try:
            URLValidator(schemes=["http", "https"])(given["url"])
        except ValidationError:
            raise CommandError(f"--url {given['url']!r} is not a web address (http:// or https://)") from None
    for name, value in given.items():
        limit = Document._meta.get_field(name).max_length
        if len(value) > limit:
            raise CommandError(f"--{name} is {len(value)} characters long; at most {limit} are kept")
    return given


def collect_files(arguments: list[str]) -> tuple[list[Path | str], list[tuple[Path | str, str]]]:
    """The files the arguments name, folders opened, and the web addresses among them as they are."""
    files, failures = [], []
    for argument in arguments:
        if is_address(argument):
            files.append(argument)
            continue
        path = Path(argument)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")))
        elif path.is_file():
            files.append(path)
        else:
            failures.append((path, "no such file or folder"))
    return files, failures


def describe(path: Path | str, stored: Stored) -> str:
    document = stored.document
    if document.published:
        when = f"dated {long_date(document.published)} ({document.published_basis})"
    else:
        hint = f"; suggested {long_date(document.date_hint)}: {document.date_hint_text}" if document.date_hint else ""
        when = f"NO DATE in the text: flagged for review{hint}"
    kept = f", {stored.kept_corrections} editor corrections kept" if stored.kept_corrections else ""
    events = f"{stored.events} event" + ("" if stored.events == 1 else "s")
    name = path if isinstance(path, str) else path.name
    return f"{stored.outcome} {name}: {events}, {document.get_layout_display()}, {when}{kept}"
