"""Extract: XML invoices, embedded Factur-X/ZUGFeRD XML, text layers and OCR."""
