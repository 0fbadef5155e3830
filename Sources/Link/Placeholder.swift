// link: joins one child's records across sources by identifiers (LA child id, UPN, NHS number, crosswalk).
