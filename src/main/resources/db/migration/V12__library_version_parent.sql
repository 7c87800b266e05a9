-- Versions form a tree: parent_version is the version each was made from (null only for version 0 and for imported
-- roots). A manual edit looks up the children of its base, so they are indexed.
create index library_version_parent_idx on library_version (library_id, parent_version);
