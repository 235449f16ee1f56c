"""wagekit: read wage-arrears campaign ledgers (台账), check them and compute campaign figures."""

__version__ = "0.1.0"
