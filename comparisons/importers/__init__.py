"""Importers: the models.dev catalogue and legacy comparison pages."""
