# DCAT-AP catalogue export.
