"""Who is calling, below every domain: roles, the principals a request or a command acts as, and the checks on them.

Nothing here reads the database; `itaku.auth` turns a token into a principal and `itaku.portal` a portal session."""
