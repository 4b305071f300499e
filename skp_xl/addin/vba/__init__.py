"""VBA projects written from source: [MS-OVBA] streams in a [MS-CFB] compound file."""
