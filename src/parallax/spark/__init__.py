"""The distributed job, calling the same stage functions as the local path."""
