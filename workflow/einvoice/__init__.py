"""E-invoice understanding: safe XML parsing, syntax/scenario detection, EN 16931 / XRechnung rules."""
