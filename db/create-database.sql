-- The role and database the service uses by default (see DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD).
-- Run as a superuser, e.g.: psql -h 127.0.0.1 -U postgres -f db/create-database.sql
create role tfgrpo login password 'tfgrpo';
create database tfgrpo owner tfgrpo;
