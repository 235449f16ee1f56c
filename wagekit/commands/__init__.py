"""Sub-commands of the ``wagekit`` command line, one module each."""
