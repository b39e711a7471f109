import { Type } from 'typebox'
import { Code, Name, PageQuery, Page } from '../../http/schemas.js'

export const UnitBody = Type.Object(
  {
    name: Name('Vietnamese name, e.g. "UBND xã Quảng Lợi"'),
    group: Code('Ranking group, e.g. `phong` (departments) or `xa` (communes)'),
    parent: Type.Optional(Type.Union([Code('The unit above this one (must exist)'), Type.Null()])),
    rankable: Type.Optional(Type.Boolean({ default: true, description: 'false: assessed but left out of every rank' })),
  },
  {
    $id: 'UnitInput',
    additionalProperties: false,
    examples: [{ name: 'Phòng Nội vụ', group: 'phong', parent: 'huyen-phu-vang', rankable: true }],
  },
)

export const Unit = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    group: Type.String(),
    parent: Type.Union([Type.String(), Type.Null()]),
    rankable: Type.Boolean(),
  },
  { $id: 'Unit', additionalProperties: false },
)

export const UnitList = Page(Unit, 'UnitPage')

export const UnitListQuery = Type.Object(
  {
    group: Type.Optional(Code('Only units of this group')),
    parent: Type.Optional(Code('Only units directly under this one')),
    ...PageQuery,
  },
  { additionalProperties: false },
)
