"""The ground floor: where things are (``paths``) and how files are written (``fileio``)."""
