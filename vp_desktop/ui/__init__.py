"""The Qt user interface: a thin layer over the domain and the journal."""
