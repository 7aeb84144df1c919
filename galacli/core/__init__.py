"""The pure core: functions over knowledge records that return result records. No I/O, no Rich."""
