# Harvest sources, jobs and the harvest command.
