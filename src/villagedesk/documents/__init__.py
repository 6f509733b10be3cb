"""Certificates, receipts, statements and lists as PDFs (reportlab), signed and logged.

Layers: ``documents`` reads through ``services`` and ``store`` and never imports Qt, the GUI
or the server. The public surface is ``documents.api`` (preview, print, reprint, history),
``documents.registry`` (the kinds), ``documents.signing`` (``verify_document`` for the
county's ``/verify`` route) and ``documents.commands`` (the ``print`` sub-command).
"""
