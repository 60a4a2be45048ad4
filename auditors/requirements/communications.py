"""The auditor's duties: communications."""
