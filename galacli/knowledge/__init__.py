"""Knowledge: YAML files turned into validated, typed, immutable records."""
