/**
 * Street names of Dębowo, grouped by the themes Polish towns use to name an estate's streets
 * (trees on a garden estate, crafts in the old town, mining around the pit). All of them are common
 * Polish street names; none is tied to a real address in this fictional town.
 */
export const STREET_THEMES = {
  oldTown: [
    'Kościelna', 'Zamkowa', 'Farna', 'Ratuszowa', 'Podwale', 'Wałowa', 'Bracka', 'Grodzka', 'Szeroka', 'Wąska',
    'Krótka', 'Długa', 'Rzeźnicza', 'Szewska', 'Piekarska', 'Kowalska', 'Garbarska', 'Młyńska', 'Kupiecka', 'Targowa',
    'Sukiennicza', 'Bednarska', 'Floriańska', 'Mariacka', 'Stolarska',
  ],
  railway: [
    'Dworcowa', 'Torowa', 'Parowozowa', 'Semaforowa', 'Kolejarzy', 'Zwrotnicza', 'Peronowa', 'Maszynistów', 'Konduktorska',
    'Stacyjna', 'Magazynowa', 'Składowa', 'Przemysłowa', 'Fabryczna', 'Sygnałowa', 'Tunelowa', 'Mostowa', 'Nastawnicza',
  ],
  mining: [
    'Górnicza', 'Szybowa', 'Węglowa', 'Sztygarska', 'Gwarków', 'św. Barbary', 'Kopalniana', 'Hutnicza', 'Sztolniowa',
    'Kombajnistów', 'Ratowników Górniczych', 'Strzałowa', 'Cechowa', 'Hutników', 'Walcownicza', 'Odlewników', 'Kowali',
    'Ślusarska', 'Tokarska', 'Energetyków', 'Elektryków', 'Budowlanych', 'Murarska', 'Ceglana',
  ],
  patriotic: [
    'Tysiąclecia', 'Niepodległości', '3 Maja', '11 Listopada', 'Armii Krajowej', 'Powstańców Śląskich', 'Legionów',
    'Konstytucji', 'Solidarności', 'Grunwaldzka', 'Racławicka', 'Westerplatte', 'Kombatantów', 'Obrońców Pokoju',
    'Zwycięstwa', 'Pokoju', 'Harcerska', 'Młodzieżowa', 'Olimpijska', 'Sportowa', 'Szkolna', 'Studencka', 'Przyjaźni',
  ],
  sun: [
    'Słoneczna', 'Pogodna', 'Jasna', 'Promienna', 'Tęczowa', 'Wesoła', 'Radosna', 'Księżycowa', 'Gwiaździsta',
    'Błękitna', 'Złota', 'Srebrna', 'Wiosenna', 'Letnia', 'Jesienna', 'Zimowa',
  ],
  writers: [
    'Adama Mickiewicza', 'Juliusza Słowackiego', 'Henryka Sienkiewicza', 'Reymonta', 'Stefana Żeromskiego', 'Bolesława Prusa',
    'Marii Konopnickiej', 'Elizy Orzeszkowej', 'Jana Kochanowskiego', 'Cypriana Norwida', 'Wyspiańskiego', 'Juliana Tuwima',
    'Broniewskiego', 'Adama Asnyka', 'Leopolda Staffa', 'Aleksandra Fredry', 'Ignacego Krasickiego', 'Kraszewskiego',
    'Gabrieli Zapolskiej', 'Marii Dąbrowskiej', 'Zofii Nałkowskiej', 'Kasprowicza', 'Tetmajera', 'Bolesława Leśmiana',
    'Gałczyńskiego', 'Krzysztofa Kamila Baczyńskiego', 'Zbigniewa Herberta', 'Czesława Miłosza', 'Wisławy Szymborskiej',
    'Stanisława Lema', 'Mikołaja Reja', 'Piotra Skargi',
  ],
  flowers: [
    'Różana', 'Tulipanowa', 'Storczykowa', 'Konwaliowa', 'Fiołkowa', 'Bratkowa', 'Słonecznikowa', 'Makowa', 'Chabrowa',
    'Rumiankowa', 'Wrzosowa', 'Liliowa', 'Irysowa', 'Narcyzowa', 'Jaśminowa', 'Bzowa', 'Kwiatowa', 'Goździkowa',
    'Piwoniowa', 'Astrów', 'Nasturcji', 'Stokrotkowa', 'Niezapominajki', 'Malwowa', 'Hiacyntowa',
  ],
  birds: [
    'Słowicza', 'Skowronkowa', 'Jaskółcza', 'Sikorkowa', 'Gołębia', 'Bociania', 'Żurawia', 'Sokola', 'Orla', 'Szpakowa',
    'Kukułcza', 'Czajcza', 'Wróbla', 'Krucza', 'Sowia', 'Łabędzia', 'Czaplowa', 'Jastrzębia', 'Drozdowa', 'Ziębia',
    'Sójcza', 'Pawia', 'Przepiórcza', 'Bażancia', 'Wilgi',
  ],
  orchard: [
    'Wiśniowa', 'Czereśniowa', 'Jabłoniowa', 'Gruszkowa', 'Śliwkowa', 'Porzeczkowa', 'Agrestowa', 'Poziomkowa', 'Jagodowa',
    'Malinowa', 'Orzechowa', 'Morelowa', 'Brzoskwiniowa', 'Sadowa', 'Ogrodowa', 'Miodowa', 'Pszczela', 'Owocowa', 'Winna',
  ],
  fields: [
    'Polna', 'Łąkowa', 'Żytnia', 'Pszeniczna', 'Owsiana', 'Jęczmienna', 'Gryczana', 'Lniana', 'Konopna', 'Rolnicza',
    'Żniwna', 'Kłosowa', 'Siewna', 'Zbożowa', 'Kmieca', 'Miedzowa', 'Graniczna', 'Boczna', 'Poprzeczna', 'Środkowa',
    'Kręta', 'Cicha', 'Spokojna', 'Zacisze',
  ],
  water: [
    'Nadrzeczna', 'Brzegowa', 'Stawowa', 'Źródlana', 'Potokowa', 'Strumykowa', 'Zdrojowa', 'Wodna', 'Rybacka',
    'Wędkarska', 'Flisacka', 'Żeglarska', 'Kajakowa', 'Wiślana', 'Bulwarowa', 'Młynarska', 'Nadbrzeżna', 'Zakole',
  ],
  trees: [
    'Leśna', 'Dębowa', 'Lipowa', 'Klonowa', 'Brzozowa', 'Jarzębinowa', 'Kasztanowa', 'Akacjowa', 'Topolowa', 'Wierzbowa',
    'Jaworowa', 'Jesionowa', 'Bukowa', 'Grabowa', 'Sosnowa', 'Świerkowa', 'Modrzewiowa', 'Jodłowa', 'Olchowa', 'Wiązowa',
    'Cisowa', 'Leszczynowa', 'Kalinowa', 'Głogowa', 'Paprociowa', 'Borowa', 'Grzybowa', 'Leśników', 'Myśliwska', 'Łowiecka',
  ],
  kings: [
    'Mieszka I', 'Bolesława Chrobrego', 'Kazimierza Wielkiego', 'Władysława Jagiełły', 'Królowej Jadwigi', 'Piastowska',
    'Jagiellońska', 'Jana III Sobieskiego', 'Stefana Batorego', 'Zygmunta Starego', 'Chodkiewicza', 'Żółkiewskiego',
    'Stefana Czarnieckiego', 'Jana Zamoyskiego',
  ],
  notables: [
    'Tadeusza Kościuszki', 'Mikołaja Kopernika', 'Fryderyka Chopina', 'Stanisława Moniuszki', 'Jana Matejki', 'Kilińskiego',
    'Kazimierza Pułaskiego', 'Romualda Traugutta', 'Józefa Piłsudskiego', 'Ignacego Paderewskiego', 'Marii Skłodowskiej-Curie',
    'Stanisława Staszica', 'Hugona Kołłątaja', 'Jana Henryka Dąbrowskiego', 'gen. Władysława Sikorskiego', 'gen. Andersa',
    'Janusza Korczaka', 'św. Maksymiliana Kolbego', 'kard. Stefana Wyszyńskiego', 'ks. Jerzego Popiełuszki', 'Józefa Bema',
    'Gabriela Narutowicza', 'Wincentego Witosa', 'Wojciecha Korfantego', 'Stefana Okrzei', 'gen. Józefa Hallera',
    'Joachima Lelewela', 'Juliusza Fałata', 'Wojciecha Kossaka', 'Artura Grottgera', 'Józefa Chełmońskiego',
    'Jacka Malczewskiego', 'Wita Stwosza',
  ],
  towns: [
    'Chrzanowska', 'Olkuska', 'Bielska', 'Wadowicka', 'Tarnowska', 'Warszawska', 'Śląska', 'Gliwicka', 'Bytomska',
    'Jaworznicka', 'Mikołowska', 'Tyska', 'Częstochowska', 'Opolska', 'Wrocławska', 'Poznańska', 'Gdańska', 'Lubelska',
    'Rzeszowska', 'Kielecka', 'Sandomierska', 'Zakopiańska', 'Nowa', 'Stara', 'Zielona', 'Parkowa', 'Spacerowa',
    'Widokowa', 'Turystyczna', 'Wczasowa',
  ],
} as const;
export type StreetTheme = keyof typeof STREET_THEMES;

/** Order in which other themes lend names once an estate's own theme runs out. */
const FALLBACK: StreetTheme[] = ['towns', 'notables', 'fields', 'trees', 'flowers', 'birds', 'orchard', 'sun', 'writers', 'kings', 'water', 'patriotic', 'mining', 'railway', 'oldTown'];

/** Keeps street names unique: `next` proposes the first unused name of a theme (then of the fallbacks), `reserve` takes it. */
export class StreetNamer {
  private readonly used = new Set<string>();

  reserve(name: string): string {
    if (this.used.has(name)) throw new Error(`street name used twice: ${name}`);
    this.used.add(name);
    return name;
  }

  next(theme: StreetTheme): string {
    for (const t of [theme, ...FALLBACK]) {
      const name = STREET_THEMES[t].find((n) => !this.used.has(n));
      if (name) return name;
    }
    throw new Error('ran out of street names');
  }
}

const FOLD: Record<string, string> = { ą: 'a', ć: 'c', ę: 'e', ł: 'l', ń: 'n', ó: 'o', ś: 's', ź: 'z', ż: 'z' };

/** "Jana Pawła II" → "jana-pawla-ii": ASCII, for ids. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[ąćęłńóśźż]/g, (c) => FOLD[c]!)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
