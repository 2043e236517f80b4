"""What the suite writes: the registry of outputs, the build, the generated documentation, the
workbook, the HTML edition, notebook execution and the bibliography files."""
