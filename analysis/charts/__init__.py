"""Charts: the translations (``i18n``), the house style (``style``) and one function per figure
(``figures``)."""
