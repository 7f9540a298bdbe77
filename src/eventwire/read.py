"""Readers: raw bytes from files, directories, archives and stdin -> Documents."""
