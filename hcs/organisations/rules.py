"""Rules of the reference data."""

# No Swedish municipality or region comes near this (Sweden: about 10.6 million people); a
# larger figure is a typing or file mistake.
MAX_POPULATION = 20_000_000
