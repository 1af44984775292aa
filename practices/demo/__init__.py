"""Seed parsing, PDF generation and written content for the load_demo_content command."""
