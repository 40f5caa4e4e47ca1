"""Orders: taking and pricing customer orders."""
