"""The data: the data package's rules (``schema``), the rules applied to a table (``rules``) and
validated loading (``datasets``)."""
