"""The legacy page importer: old "Model A vs Model B" pages into draft comparison pages."""
