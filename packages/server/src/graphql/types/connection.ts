import { type ClassType, Field, ObjectType } from 'type-graphql';
import type { Page } from '../../services/pagination.js';

/** Relay-style page information. */
@ObjectType({ description: 'Where a page ends and whether more follow.' })
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass as `after`.' })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}

/** A page as returned by connection fields. */
export interface ConnectionShape<T> {
  edges: { node: T; cursor: string }[];
  nodes: T[];
  pageInfo: PageInfo;
}

/** Creates `<Name>Edge` and `<Name>Connection` object types for `node`. */
export function Connection<T extends object>(
  name: string,
  node: ClassType<T>,
): ClassType<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => node)
    node!: T;

    @Field(() => String)
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionType {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [node], { description: 'The items of `edges`, without cursors.' })
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}

/** Maps a service page to a connection value. */
export function toConnection<T, N = T>(page: Page<T>, map?: (item: T) => N): ConnectionShape<N> {
  const nodes = page.items.map((i) => (map ? map(i) : (i as unknown as N)));
  return {
    edges: nodes.map((node, k) => ({ node, cursor: page.cursors[k] ?? '' })),
    nodes,
    pageInfo: { endCursor: page.cursors.at(-1) ?? null, hasNextPage: page.hasNextPage },
  };
}
