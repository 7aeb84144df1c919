"""galacli: offline, sourced answers about galactorrhea and lactation around sex."""

__version__ = "0.1.0"
