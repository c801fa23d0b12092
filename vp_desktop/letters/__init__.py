"""Letters and case reports: templates, anonymisation and the name check. No Qt."""
