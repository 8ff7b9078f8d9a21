"""The models.dev catalogue importer: read, group, write providers, model pages and routes."""
