-- Append-only audit log: every write through the API and every read of a full case, with who, when,
-- what and from where (security.AuditFilter). Nothing in the API changes it; the database refuses too.
create table audit_event (
    id          bigint       generated always as identity primary key,
    at          timestamptz  not null default now(),
    actor       varchar(200),
    roles       varchar(200),
    action      varchar(10)  not null,
    resource    varchar(500) not null,
    status      integer      not null,
    client      varchar(100)
);
create index audit_event_at_idx on audit_event (at desc, id desc);
create index audit_event_actor_idx on audit_event (actor, at desc);

create function forbid_audit_change() returns trigger language plpgsql as $$
begin
    raise exception 'the audit log is append-only (% refused)', tg_op;
end;
$$;
create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function forbid_audit_change();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function forbid_audit_change();
