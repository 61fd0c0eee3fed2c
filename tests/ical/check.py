"""Read an .ics file the way a calendar application does and print what it holds as JSON.

Usage: check.py FILE FROM TO

Parses the file with the `icalendar` package (strictly: a parse error fails), expands every
recurring event between the dates FROM and TO (inclusive, YYYY-MM-DD) with
`recurring_ical_events`, and prints {"calendar": {...}, "events": [...], "occurrences": [...]}
with each occurrence's summary, UID and start and end in UTC.
"""

import datetime as dt
import json
import sys

import icalendar
import recurring_ical_events


def utc(value):
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise SystemExit(f"floating time {value}: every time must carry its zone")
        return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def main():
    path, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    events = []
    for ev in cal.walk("VEVENT"):
        attendees = ev.get("ATTENDEE", [])
        if not isinstance(attendees, list):
            attendees = [attendees]
        events.append(
            {
                "uid": str(ev["UID"]),
                "summary": str(ev["SUMMARY"]),
                "rrule": ev["RRULE"].to_ical().decode(),
                "tzid": ev["DTSTART"].params.get("TZID"),
                "attendees": [
                    {"cn": str(a.params.get("CN")), "address": str(a)} for a in attendees
                ],
            }
        )
    a = dt.date.fromisoformat(start)
    b = dt.date.fromisoformat(end) + dt.timedelta(days=1)
    occurrences = [
        {
            "uid": str(o["UID"]),
            "summary": str(o["SUMMARY"]),
            "start": utc(o["DTSTART"].dt),
            "end": utc(o["DTEND"].dt),
        }
        for o in recurring_ical_events.of(cal).between(a, b)
    ]
    occurrences.sort(key=lambda o: (o["start"], o["summary"]))
    zones = [str(z["TZID"]) for z in cal.walk("VTIMEZONE")]
    print(
        json.dumps(
            {
                "calendar": {"version": str(cal["VERSION"]), "zones": zones},
                "events": events,
                "occurrences": occurrences,
            }
        )
    )


main()
