"""Form descriptions: every official format as data, read by the writer and the reader."""
