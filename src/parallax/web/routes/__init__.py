"""The app's routes, one module per resource: each holds its pages, form posts and API together."""
