// The in-process server (type-graphql, MikroORM) needs decorator metadata.
import 'reflect-metadata';
