"""The directors' annual questionnaire (issue 12): sections, services, the effect preview and
the reads its pages make."""
