import {
  EMPTY_FILTERS,
  filtersToQuery,
  filtersToSearch,
  parseFilters,
  type LeadFilters,
} from './lead-filters';

const parse = (search: string) => parseFilters(new URLSearchParams(search));

describe('the Leads filters in the URL', () => {
  it('reads every filter', () => {
    const f = parse(
      'q=garcia&status=new,contacted&priority=urgent&owner=me&unassigned=false&crisis=true&form=consultation&source=Google&state=ca&interest=depression&from=2026-11-01&to=2026-11-30&sort=priority',
    );
    expect(f).toEqual<LeadFilters>({
      q: 'garcia',
      status: ['new', 'contacted'],
      priority: ['urgent'],
      ownerId: 'me',
      unassigned: false,
      crisisFlag: true,
      formKey: 'consultation',
      source: 'google',
      state: 'CA',
      interest: 'depression',
      createdFrom: '2026-11-01',
      createdTo: '2026-11-30',
      sort: 'priority',
    });
  });

  it('survives a round trip through the URL', () => {
    const f = parse(
      'status=new&owner=0190e0f1-0000-7000-8000-000000000001&crisis=false&sort=created',
    );
    expect(parseFilters(filtersToSearch(f))).toEqual(f);
  });

  it('drops what the API would refuse instead of sending it', () => {
    expect(
      parse(
        'status=new,bogus,new&priority=meh&owner=bob&state=California&q=a&sort=name&from=yesterday&unassigned=maybe',
      ),
    ).toEqual({ ...EMPTY_FILTERS, status: ['new'] });
  });

  it('leaves defaults out of the URL, so the plain page has a plain address', () => {
    expect(filtersToSearch(EMPTY_FILTERS).toString()).toBe('');
    expect(
      filtersToSearch({ ...EMPTY_FILTERS, sort: 'priority', status: ['new', 'lost'] }).toString(),
    ).toBe('status=new%2Clost&sort=priority');
  });
});

describe('filtersToQuery', () => {
  it('asks the API for whole days in the coordinator’s zone, the last one included', () => {
    const q = filtersToQuery({
      ...EMPTY_FILTERS,
      createdFrom: '2026-11-01',
      createdTo: '2026-11-30',
    });
    expect(q.createdFrom).toBe(new Date(2026, 10, 1).toISOString());
    expect(q.createdTo).toBe(new Date(2026, 11, 1).toISOString());
  });

  it('sends only the filters that are set, with the cursor for the next page', () => {
    expect(filtersToQuery({ ...EMPTY_FILTERS, status: ['new'], unassigned: true }, 'abc')).toEqual({
      status: ['new'],
      unassigned: true,
      sort: '-created',
      limit: 50,
      cursor: 'abc',
    });
  });
});
