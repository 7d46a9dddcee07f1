-- openFDA's food/event record (V80) over the case versions of the latest frozen release (V41,
-- stats_release_case) for researchers, so that a case arriving between two releases changes nothing a researcher
-- can count through openFDA's contract either (issue 14's attack through issue 18's door). Codings of verbatims
-- are read live, as for the native statistics' raw-row recounts (README "Frozen releases": not frozen).
create view openfda_food_event_released as
select e.* from openfda_food_event_version e join stats_release_case rc on rc.version_id = e.version_id;
