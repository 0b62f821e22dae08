package net.srv6epe.dataplane.cli;

/** How the journal commands print: aligned text, one JSON object per line, or CSV with a header. */
enum OutputFormat
{
    TEXT,
    JSON,
    CSV
}
