"""Pure Python core: entities, validation, dates, time scale, lane layout."""
