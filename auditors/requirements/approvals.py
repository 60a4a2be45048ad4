"""The auditor's duties: approvals."""
