"""The HTTP app, templates and static assets."""
