SELECT role, person, affiliation, department FROM v_committee_members ORDER BY person, role;
