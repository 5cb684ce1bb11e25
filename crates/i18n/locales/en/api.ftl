# CKAN-compatible Action API and socle's API documentation page.
