"""An app installed only by test_registry, to prove requirements.py is discovered at start-up."""
