"""Turning cleaned lines into a Plan: labels, structure and metadata."""
