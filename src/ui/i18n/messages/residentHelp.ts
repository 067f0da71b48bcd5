import { polish } from './bilingual';

/** The map screen's residents' resources mode and the matching view "Gdzie potrzeba, a gdzie pomoc" (issue 14). */
export const residentHelpMessages = polish({
    exploreSubject: 'Mapa pokazuje',
    exploreSubjectNeeds: 'Potrzeby',
    exploreSubjectResources: 'Zasoby mieszkańców',
    exploreSubjectMatching: 'Gdzie potrzeba, a gdzie pomoc',
    exploreOffer: 'Zasób',
    exploreOfferIndex: 'Wskaźnik potencjału (wszystkie zasoby po równo)',
    exploreOfferHint: 'Odsetek gospodarstw, które zadeklarowały gotowość pomocy. Nikt nie jest pokazany jako punkt; jednostki z mniej niż {k} ankietami są ukryte.',
    exploreMatchNeed: 'Potrzeba',
    exploreMatchDistance: 'W zasięgu (pieszo, ulicami)',
    exploreMatchDistanceOption: '{meters} m',
    exploreMatchOffers: 'Pasująca pomoc mieszkańców: {offers}.',
    exploreMatchNoOffers: 'Tej potrzebie odpowiadają tylko instytucje (pomoc sąsiedzka nie jest tu właściwa).',
    exploreMatchCounts: 'Jednostki z pomocą mieszkańców: {help}. Luki: {gaps}.',
    exploreMatchGapsTitle: 'Luki: wysoka potrzeba, brak pomocy w promieniu {meters} m',
    exploreMatchGapsNone: 'Brak luk: tam, gdzie potrzeba jest wyraźnie powyżej średniej miasta, pomoc jest w zasięgu.',
    exploreMatchGapRow: '{unit}: {rate} z {responses} ankiet (miasto {town}); pomoc mieszkańców {resident}, instytucja {institution}',
    exploreMatchNone: 'brak',
    exploreMatchMethod: 'Wysoka potrzeba: cały 95-procentowy przedział ufności powyżej średniej miasta. Odległość do pomocy mieszkańców liczona do środka jednostki z co najmniej {k} ankietami (nigdy do domu).',
    legendOfferTitle: 'Odsetek gospodarstw oferujących: {offer}, {wave}',
    legendPotentialTitle: 'Wskaźnik potencjału mieszkańców (średni odsetek gospodarstw oferujących pomoc), {wave}',
    legendMatchGap: 'obrys fioletowy: potrzeba „{need}” wysoka, a w promieniu {meters} m brak pomocy mieszkańców i instytucji',
    legendMatchHelp: 'obrys przerywany zielony: mieszkańcy oferują pomoc w potrzebie „{need}” (jednostki z co najmniej {k} ankietami)',
    exploreSummaryTopOffers: 'Najwięcej chętnych do pomocy: {list}.',
});
