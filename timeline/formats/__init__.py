"""Formats that differ from Django's for the site's language (`FORMAT_MODULE_PATH`)."""
