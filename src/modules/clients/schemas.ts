import { Type } from 'typebox'
import { ROLES } from '../../domain/access.js'
import { Code, Name, PageQuery, Timestamp, Page } from '../../http/schemas.js'

export const Role = Type.Union(
  ROLES.map((role) => Type.Literal(role)),
  {
    $id: 'Role',
    description:
      "admin: everything; appraiser: appraised scores and surveys; unit: its own unit's self-assessment; reader: read only",
  },
)

export const ClientCreate = Type.Object(
  {
    name: Name('What the client system is, e.g. "Cổng dịch vụ công tỉnh"'),
    role: Role,
    unit: Type.Optional(
      Type.Union([Code('The unit a `unit` token is bound to (required for that role only)'), Type.Null()]),
    ),
  },
  {
    $id: 'ClientInput',
    additionalProperties: false,
    examples: [{ name: 'Phần mềm một cửa xã Quảng Lợi', role: 'unit', unit: 'xa-quang-loi' }],
  },
)

export const Client = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    role: Role,
    unit: Type.Union([Type.String(), Type.Null()]),
    createdAt: Timestamp,
    revokedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { $id: 'Client', additionalProperties: false },
)

export const ClientWithToken = Type.Object(
  {
    ...Client.properties,
    token: Type.String({ description: 'The bearer token. Shown once: only its hash is stored.' }),
  },
  { $id: 'ClientWithToken', additionalProperties: false },
)

export const ClientList = Page(Client, 'ClientPage')

export const ClientIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false })
export const ClientListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })
