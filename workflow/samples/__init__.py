"""Sample documents the project generates itself: XRechnung UBL/CII, Factur-X PDFs, scanned letters."""
