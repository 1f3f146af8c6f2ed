"""Running the site: the health probe, request ids on every log line and the error page, and what a backup holds."""
